/// A bound statement parameter, always sent in text format.
enum PGValue: Sendable {
    case null
    case text(String)
    /// UTF-8 bytes sent as text (a document), without a detour through `String`.
    case bytes([UInt8])

    static func int(_ v: Int) -> PGValue { .text(String(v)) }
    static func int64(_ v: Int64) -> PGValue { .text(String(v)) }
    static func optional(_ s: String?) -> PGValue { s.map(PGValue.text) ?? .null }
}

/// Rows copied out of a `PGresult` (which is cleared right after), as UTF-8 bytes.
struct PGRows: Sendable {
    let columns: Int
    private(set) var cells: [[UInt8]?] = []
    var count: Int { columns == 0 ? 0 : cells.count / columns }
    var isEmpty: Bool { count == 0 }
    /// Rows changed by an INSERT/UPDATE/DELETE (`PQcmdTuples`).
    var affected: Int = 0

    init(columns: Int) { self.columns = columns }
    mutating func append(_ cell: [UInt8]?) { cells.append(cell) }

    func bytes(_ row: Int, _ column: Int) -> [UInt8]? { cells[row * columns + column] }
    func isNull(_ row: Int, _ column: Int) -> Bool { cells[row * columns + column] == nil }
    func string(_ row: Int, _ column: Int) -> String? {
        bytes(row, column).map { String(decoding: $0, as: UTF8.self) }
    }
    func int64(_ row: Int, _ column: Int) -> Int64? { string(row, column).flatMap { Int64($0) } }
    func int(_ row: Int, _ column: Int) -> Int? { string(row, column).flatMap { Int($0) } }
    func double(_ row: Int, _ column: Int) -> Double? { string(row, column).flatMap { Double($0) } }
    func bool(_ row: Int, _ column: Int) -> Bool? { string(row, column).map { $0 == "t" } }
}
