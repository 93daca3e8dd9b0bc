import JSONCore
import TestSupport
import VConModel

/// Random vCon material for the property tests, on the shared SplitMix64 generator.
extension SeededGenerator {
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func text() -> String {
        let pieces = ["hello", "wörld", "日本語", "\"quoted\"", "back\\slash", "line\nbreak", "tab\t", "😀", "a:b:c", " ", "ctl\u{01}"]
        return (0..<int(1...4)).map { _ in pick(pieces) }.joined(separator: " ")
    }

    mutating func date() -> String {
        let ms = Int64(int(0...4_102_444_800_000))
        let base = RFC3339.format(millisecondsSinceEpoch: ms)
        return chance(0.3) ? String(base.dropLast()) + pick(["+02:00", "-05:30", "+00:00"]) : base
    }

    /// Any JSON value, integers and doubles both, nested up to `depth`.
    mutating func json(depth: Int = 3) -> JSON {
        switch int(0...(depth > 0 ? 7 : 4)) {
        case 0: return .null
        case 1: return .bool(chance(0.5))
        case 2: return .int(pick([0, -1, 42, Int.max, Int.min, int(-1_000_000...1_000_000)]))
        case 3: return .double(pick([1.5, -0.25, 1e-7, 6.02e23, Double(int(-1000...1000)) / 8 + 0.125, 1.0]))
        case 4: return .string(text())
        case 5, 6:
            return .array((0..<int(0...3)).map { _ in json(depth: depth - 1) })
        default:
            var o = JSONObject()
            for i in 0..<int(0...3) { o["k\(i)_\(int(0...99))"] = json(depth: depth - 1) }
            return .object(o)
        }
    }

    mutating func extra() -> JSONObject {
        var o = JSONObject()
        if chance(0.4) { o["x_meta"] = json() }
        if chance(0.2) { o["x_vendor_field"] = json(depth: 1) }
        return o
    }
}
