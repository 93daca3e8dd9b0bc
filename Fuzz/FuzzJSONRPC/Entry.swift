import FuzzSupport

@main
enum FuzzJSONRPCMain {
    static func main() { FuzzHarness.run(name: "FuzzJSONRPC", JSONRPCFuzzCase.run) }
}
