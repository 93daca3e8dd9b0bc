import JSONCore
import TestSupport
import Testing
@testable import VConModel

/// The validator and the typed model agree: whatever validates without errors decodes.
@Suite struct ConsistencyPropertyTests {
    /// Replaces one member somewhere in the document with a random value.
    static func scramble(_ value: JSON, _ g: inout SeededGenerator, depth: Int = 0) -> JSON {
        switch value {
        case var .object(o):
            guard !o.isEmpty else { return value }
            let key = g.pick(o.keys)
            if depth >= 2 || g.chance(0.4) { o[key] = g.json(depth: 1) }
            else { o[key] = scramble(o[key]!, &g, depth: depth + 1) }
            return .object(o)
        case var .array(a):
            guard !a.isEmpty else { return value }
            let i = g.int(0...(a.count - 1))
            a[i] = scramble(a[i], &g, depth: depth + 1)
            return .array(a)
        default:
            return g.json(depth: 1)
        }
    }

    @Test func whateverValidatesDecodes() {
        var accepted = 0
        for seed in UInt64(1)...600 {
            var g = SeededGenerator(seed: seed &* 31_337)
            let doc = Self.scramble(VConGenerator.make(&g).json, &g)
            for lenient in [false, true] {
                let errors = VConValidator.validate(doc, options: ValidationOptions(lenient: lenient)).filter { $0.severity == .error }
                guard errors.isEmpty else { continue }
                accepted += 1
                #expect(throws: Never.self, "seed \(seed)") { _ = try VCon(json: doc) }
            }
        }
        #expect(accepted > 100)
    }
}
