import Foundation

/// The benchmark's table: one row per figure, its floor and the ratio, and the targets checked.
struct Report {
    struct Row { var label: String; var p50: Double?; var p99: Double?; var perSecond: Double?; var note: String }
    private(set) var rows: [Row] = []
    private(set) var checks: [(String, Bool)] = []

    mutating func add(_ label: String, _ r: PhaseResult, note: String = "") {
        rows.append(Row(label: label, p50: r.samples.p50, p99: r.samples.p99, perSecond: r.perSecond, note: note))
    }
    mutating func add(_ label: String, p50: Double? = nil, p99: Double? = nil, perSecond: Double? = nil, note: String = "") {
        rows.append(Row(label: label, p50: p50, p99: p99, perSecond: perSecond, note: note))
    }
    mutating func check(_ text: String, _ ok: Bool) { checks.append((text, ok)) }

    /// A Markdown table (stdout is ours: this is not the server).
    func printed() -> String {
        func f(_ v: Double?, _ digits: Int = 1) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "" }
        var out = "| figure | p50 µs | p99 µs | calls/s | notes |\n|---|---:|---:|---:|---|\n"
        for r in rows {
            out += "| \(r.label) | \(f(r.p50)) | \(f(r.p99)) | \(r.perSecond.map { String(format: "%.0f", $0) } ?? "") | \(r.note) |\n"
        }
        out += "\n| target | result |\n|---|---|\n"
        for (text, ok) in checks { out += "| \(text) | \(ok ? "met" : "MISSED") |\n" }
        return out
    }
}

func ratio(_ a: Double, _ b: Double) -> String { b > 0 ? String(format: "%.2fx", a / b) : "n/a" }
