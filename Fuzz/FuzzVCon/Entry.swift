import FuzzSupport

@main
enum FuzzVConMain {
    static func main() { FuzzHarness.run(name: "FuzzVCon", VConFuzzCase.run) }
}
