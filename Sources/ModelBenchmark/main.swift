// ModelBenchmark: decode, validate and encode throughput of VConModel on real samples, and a
// scaling check on a synthetic vCon. Run: swift run -c release ModelBenchmark
// (an executable of its own: printing to stdout is its job; the server never does).
import Foundation
import JSONCore
import VConModel

let samplesDirectory: URL = {
    if let path = ProcessInfo.processInfo.environment["VCON_SAMPLES_DIR"], !path.isEmpty { return URL(fileURLWithPath: path) }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent("../shared/vcon-samples").standardizedFileURL
}()

/// Median seconds of `body` over repeated runs (at least 5, up to ~0.6 s of work).
func median(_ body: () -> Void) -> Double {
    var times: [Double] = []
    let clock = ContinuousClock()
    var spent = 0.0
    while times.count < 5 || (spent < 0.6 && times.count < 2000) {
        let t = clock.measure(body)
        let s = Double(t.components.seconds) + Double(t.components.attoseconds) / 1e18
        times.append(s)
        spent += s
    }
    times.sort()
    return times[times.count / 2]
}

func fmt(_ v: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", v) }
func ms(_ s: Double) -> String { fmt(s * 1000, 3) + " ms" }
func mbps(_ bytes: Int, _ s: Double) -> String { fmt(Double(bytes) / s / 1e6) + " MB/s" }

/// Keeps results alive so the optimiser cannot drop the work.
nonisolated(unsafe) var sink = 0

struct Sample { let name: String; let bytes: [UInt8] }

func loadSamples() -> [Sample] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path) else {
        FileHandle.standardError.write("samples folder not found: \(samplesDirectory.path)\n".data(using: .utf8)!)
        exit(1)
    }
    return names.filter { $0.hasSuffix(".json") && $0 != "MANIFEST.json" }.sorted().compactMap { name in
        guard let data = FileManager.default.contents(atPath: samplesDirectory.appendingPathComponent(name).path) else { return nil }
        let bytes = Array(data)
        let r = VConIngest.ingest(bytes, mode: .lenient)
        return r.form == .unsigned && r.isValid ? Sample(name: name, bytes: bytes) : nil
    }
}

func measure(label: String, bytes: [UInt8]) {
    let size = bytes.count
    let value = try! JSON.parse(bytes)
    let normalised = VConIngest.ingest(bytes, mode: .lenient).document
    let typed = try! VCon(json: normalised)
    let options = ValidationOptions(lenient: true)

    let parse = median { sink &+= (try? JSON.parse(bytes)) == nil ? 0 : 1 }
    let typedDecode = median { sink &+= (try? VCon(json: normalised))?.parties?.count ?? 0 }
    let decode = median { sink &+= (try? VCon(bytes: bytes))?.parties?.count ?? 0 }
    let validate = median { sink &+= VConValidator.validate(normalised, options: options).count }
    let encode = median { sink &+= typed.encoded().count }
    let ingest = median { sink &+= VConIngest.ingest(bytes, mode: .lenient).bytes.count }
    let derive = median { sink &+= VConSearchFields.derive(from: normalised).analysisText.utf8.count }
    // The figure the target is about: parse, validate, decode to types, encode back.
    let roundTrip = median {
        let v = try! JSON.parse(bytes)
        sink &+= VConValidator.validate(v, options: options).count
        sink &+= (try! VCon(json: v)).encoded().count
    }
    _ = value
    func line(_ name: String, _ t: Double) { print("  " + name.padding(toLength: 56, withPad: " ", startingAt: 0) + ms(t).padding(toLength: 12, withPad: " ", startingAt: 0) + mbps(size, t)) }
    print("\n\(label): \(size) bytes")
    line("decode (bytes → typed VCon)", decode)
    line("  of which JSON parse (JSONCore)", parse)
    line("  of which JSON → VCon", typedDecode)
    line("validate (all rules, on parsed JSON)", validate)
    line("encode (VCon → bytes)", encode)
    line("ingest (parse, normalise, validate, bytes)", ingest)
    line("derive search fields", derive)
    line("validation + round trip (parse→validate→VCon→bytes)", roundTrip)
    let foundation = median { sink &+= (try? JSONSerialization.jsonObject(with: Data(bytes))) == nil ? 0 : 1 }
    line("for comparison: Foundation JSONSerialization parse", foundation)
}

/// A synthetic vCon with `scale` × (4 parties' worth of) dialogs, analyses and attachments.
func synthetic(scale: Int) -> [UInt8] {
    var parties: [JSON] = []
    for i in 0..<4 { parties.append(["name": .string("Party \(i)"), "tel": .string("+1555010\(i)"), "validation": "none"]) }
    var dialogs: [JSON] = []
    var analysis: [JSON] = []
    var attachments: [JSON] = []
    let audio = Base64URL.encode([UInt8](repeating: 0x5A, count: 3000))
    for i in 0..<(100 * scale) {
        if i % 10 == 0 {
            dialogs.append(["type": "recording", "start": "2025-01-01T10:00:00Z", "parties": [0, [1, 2], nil], "duration": 12.5,
                            "mediatype": "audio/x-wav", "encoding": "base64url", "body": .string(audio)])
            analysis.append(["type": "transcript", "vendor": "bench", "dialog": .int(i), "encoding": "json",
                             "body": ["transcript": .string("words spoken in the recording number \(i)"), "confidence": 0.9]])
        } else {
            dialogs.append(["type": "text", "start": "2025-01-01T10:00:01+01:00", "parties": [.int(i % 4), .int((i + 1) % 4)],
                            "originator": .int(i % 4), "mediatype": "text/plain", "encoding": "none",
                            "body": .string("message \(i): the quick brown fox jumps over the lazy dog")])
        }
        if i % 25 == 0 {
            attachments.append(["purpose": "notes", "party": 0, "dialog": .int(i), "encoding": "json", "body": ["n": .int(i)]])
        }
    }
    let doc: JSON = ["uuid": "01928e10-193e-8231-b9a2-279e0d16bc46", "created_at": "2025-01-01T00:00:00Z", "vcon": "0.4.0",
                     "parties": .array(parties), "dialog": .array(dialogs), "analysis": .array(analysis),
                     "attachments": .array(attachments)]
    return doc.encoded()
}

let samples = loadSamples()
print("ModelBenchmark: medians over repeated runs; samples from \(samplesDirectory.path)")
for (label, target) in [("~4 KB", 4096), ("~35 KB", 35 * 1024), ("~3.4 MB", 3_400_000)] {
    guard let pick = samples.min(by: { abs($0.bytes.count - target) < abs($1.bytes.count - target) }) else { continue }
    measure(label: "\(label) \(pick.name)", bytes: pick.bytes)
}

print("\nScaling (synthetic vCon): time per byte should stay flat")
var baseline = 0.0
for scale in [1, 4, 16] {
    let bytes = synthetic(scale: scale)
    let options = ValidationOptions(lenient: true)
    let parsed = try! JSON.parse(bytes)
    let typed = try! VCon(json: parsed)
    let t = median {
        let v = try! JSON.parse(bytes)
        sink &+= VConValidator.validate(v, options: options).count
        sink &+= (try! VCon(json: v)).encoded().count
        sink &+= VConSearchFields.derive(from: v).dialogText.utf8.count
    }
    func nsPerByte(_ s: Double) -> String { fmt(s / Double(bytes.count) * 1e9, 2) }
    let parse = median { sink &+= (try? JSON.parse(bytes)) == nil ? 0 : 1 }
    let validate = median { sink &+= VConValidator.validate(parsed, options: options).count }
    let decode = median { sink &+= (try? VCon(json: parsed))?.dialog?.count ?? 0 }
    let encode = median { sink &+= typed.encoded().count }
    let derive = median { sink &+= VConSearchFields.derive(from: parsed).dialogText.utf8.count }
    let perByte = t / Double(bytes.count) * 1e9
    if scale == 1 { baseline = perByte }
    print("  \(scale)x: \(bytes.count) bytes  all: \(ms(t))  \(fmt(perByte, 2)) ns/byte  (\(fmt(perByte / baseline, 2))x the 1x cost per byte)")
    print("      ns/byte: parse \(nsPerByte(parse)), validate \(nsPerByte(validate)), JSON→VCon \(nsPerByte(decode)), encode \(nsPerByte(encode)), derive \(nsPerByte(derive))")
}
if sink == 42 { print("") }
