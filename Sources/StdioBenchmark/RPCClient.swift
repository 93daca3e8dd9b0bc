/// A pipelining JSON-RPC client over the server's stdio: keeps `depth` requests in flight,
/// matches answers by id, records each request's latency, and checks every answer cheaply
/// (the frame prefix, the id, no JSON-RPC error, no `isError`) without parsing the document.
final class RPCClient {
    let server: ServerProcess
    private var nextID = 1

    init(server: ServerProcess) { self.server = server }

    /// The legacy handshake: initialize, then notifications/initialized. Returns the initialize answer.
    @discardableResult
    func handshake(revision: String = "2025-06-18") throws -> [UInt8] {
        let id = takeID()
        try server.send(Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"initialize","params":{"protocolVersion":"\#(revision)","capabilities":{},"clientInfo":{"name":"StdioBenchmark","version":"1"}}}"#.utf8) + [0x0A]
                        + Array(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#.utf8) + [0x0A])
        guard let line = try server.reader.next() else { throw BenchError("server closed stdout during the handshake") }
        guard Self.answerID(line) == id, !Self.isFailure(line) else { throw BenchError("bad initialize answer: \(String(decoding: line.prefix(300), as: UTF8.self))") }
        return Array(line)
    }

    func takeID() -> Int { defer { nextID += 1 }; return nextID }

    /// A tools/call frame (with its newline) for `name` and pre-encoded `arguments`.
    static func toolCall(id: Int, name: String, arguments: String) -> [UInt8] {
        Array(#"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(name)","arguments":\#(arguments)}}"#.utf8) + [0x0A]
    }

    /// Sends `count` requests made by `make(index, id)` with at most `depth` in flight. Each answer
    /// goes to `inspect(index, line)` when given (else it is only checked). Returns latencies and wall time.
    func run(count: Int, depth: Int, make: (Int, Int) -> [UInt8],
             inspect: ((Int, ArraySlice<UInt8>) throws -> Void)? = nil) throws -> PhaseResult {
        let base = nextID
        nextID += count
        var sentAt = [UInt64](repeating: 0, count: count)
        var latencies = Samples(capacity: count)
        var sent = 0, done = 0
        var outgoing: [UInt8] = []
        outgoing.reserveCapacity(depth * 256)
        func flush() throws {
            guard !outgoing.isEmpty else { return }
            try server.send(outgoing)
            outgoing.removeAll(keepingCapacity: true)
        }
        let started = monotonicNanos()
        while sent < min(depth, count) {
            outgoing += make(sent, base + sent); sentAt[sent] = monotonicNanos(); sent += 1
        }
        try flush()
        while done < count {
            guard let line = try server.reader.nextBuffer() else { throw BenchError("server closed stdout after \(done) of \(count) answers") }
            let now = monotonicNanos()
            guard let id = Self.answerID(line), id >= base, id < base + count else {
                throw BenchError("unexpected frame: \(String(decoding: line.prefix(200), as: UTF8.self))")
            }
            let index = id - base
            if Self.isFailure(line) { throw BenchError("request \(index) failed: \(String(decoding: line.prefix(400), as: UTF8.self))") }
            if let inspect { try inspect(index, ArraySlice(line)) }
            latencies.add(nanos: now - sentAt[index])
            done += 1
            if sent < count {
                outgoing += make(sent, base + sent); sentAt[sent] = monotonicNanos(); sent += 1
            }
            // Write the next requests once the answers already read are consumed (one write per burst).
            if !server.reader.hasBufferedLine() { try flush() }
        }
        return PhaseResult(samples: latencies, wallNanos: monotonicNanos() - started, count: count)
    }

    private static let prefix = Array(#"{"jsonrpc":"2.0","id":"#.utf8)

    /// The integer id of an answer (the server writes `{"jsonrpc":"2.0","id":` first).
    static func answerID(_ line: ArraySlice<UInt8>) -> Int? { line.withUnsafeBufferPointer { answerID($0) } }
    static func isFailure(_ line: ArraySlice<UInt8>) -> Bool { line.withUnsafeBufferPointer { isFailure($0) } }

    static func answerID(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.starts(with: prefix) else { return nil }
        var i = line.startIndex + prefix.count, value = 0, digits = 0
        while i < line.endIndex, line[i] >= 0x30, line[i] <= 0x39 { value = value * 10 + Int(line[i] - 0x30); i += 1; digits += 1 }
        return digits > 0 ? value : nil
    }

    private static let errorMarker = Array(#","error":{"#.utf8)
    private static let isErrorMarker = Array(#""isError":true"#.utf8)

    /// A JSON-RPC error (right after the id) or a tool result with isError.
    static func isFailure(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count > prefix.count else { return true }
        var i = line.startIndex + prefix.count
        while i < line.endIndex, line[i] != UInt8(ascii: ",") { i += 1 }
        if i >= line.endIndex || line[i...].starts(with: errorMarker) { return true }
        // The tool layer writes isError last: look only at the tail.
        var j = max(line.startIndex, line.endIndex - 64)
        while j + isErrorMarker.count <= line.endIndex {
            if line[j] == isErrorMarker[0], UnsafeBufferPointer(rebasing: line[j..<(j + isErrorMarker.count)]).elementsEqual(isErrorMarker) { return true }
            j += 1
        }
        return false
    }
}

struct PhaseResult {
    var samples: Samples
    var wallNanos: UInt64
    var count: Int
    var perSecond: Double { Double(count) / (Double(wallNanos) / 1e9) }

    mutating func merge(_ other: PhaseResult) {
        samples.merge(other.samples); wallNanos += other.wallNanos; count += other.count
    }
}

/// Latencies in nanoseconds; percentiles by nearest rank.
struct Samples {
    private(set) var nanos: [UInt64] = []
    init(capacity: Int = 0) { nanos.reserveCapacity(capacity) }
    mutating func add(nanos value: UInt64) { nanos.append(value) }
    mutating func merge(_ other: Samples) { nanos += other.nanos }
    func percentileMicros(_ q: Double) -> Double {
        guard !nanos.isEmpty else { return 0 }
        let sorted = nanos.sorted()
        return Double(sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]) / 1000
    }
    var p50: Double { percentileMicros(0.5) }
    var p99: Double { percentileMicros(0.99) }
    var count: Int { nanos.count }
}
