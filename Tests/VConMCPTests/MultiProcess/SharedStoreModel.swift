import Foundation

/// What the workers were told was done, shared by the worker threads under a lock. Violations
/// are collected here and asserted on the test's own thread at the end.
final class SharedStoreModel: @unchecked Sendable {
    struct Entry {
        let owner: Int
        var counter: Int          // the last acknowledged "counter N" subject
        var deleting = false      // a delete was sent (its outcome may not be known yet)
        var deleted = false       // a delete was acknowledged
    }

    /// What a reader may expect, taken before its request is sent.
    enum Expectation { case present(atLeast: Int), absent, either(atLeast: Int) }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var known: [String] = []
    private var mentioned: Set<String> = []   // sent in a create, acknowledged or not
    private var appended: [String: [Int: String]] = [:]
    private(set) var violations: [String] = []
    private(set) var operations: [String: Int] = [:]

    func locked<T>(_ body: () -> T) -> T { lock.lock(); defer { lock.unlock() }; return body() }

    func created(_ uuid: String, owner: Int) {
        locked { entries[uuid] = Entry(owner: owner, counter: 0); known.append(uuid) }
    }
    func appendTarget(_ uuid: String) { locked { appended[uuid] = [:]; mentioned.insert(uuid) } }
    func willCreate(_ uuid: String) { locked { _ = mentioned.insert(uuid) } }

    func updated(_ uuid: String, to counter: Int) { locked { entries[uuid]?.counter = counter } }
    func deleting(_ uuid: String) { locked { entries[uuid]?.deleting = true } }
    func deleted(_ uuid: String) { locked { entries[uuid]?.deleted = true } }

    func appended(_ uuid: String, index: Int, body: String) {
        locked {
            if let earlier = appended[uuid]?[index] {
                violations.append("add_dialog on \(uuid) returned index \(index) twice (\(earlier), \(body))")
            }
            appended[uuid, default: [:]][index] = body
        }
    }

    func count(_ operation: String) { locked { operations[operation, default: 0] += 1 } }
    func violation(_ text: String) { locked { violations.append(text) } }

    /// The uuids this worker may update or delete (alive, no delete in flight).
    func owned(by worker: Int) -> [String] {
        locked { known.filter { entries[$0]!.owner == worker && !entries[$0]!.deleting } }
    }
    func counter(_ uuid: String) -> Int { locked { entries[uuid]!.counter } }
    /// Whether a delete of `uuid` has been sent (a read that overlapped it may see it gone).
    func deleteStarted(_ uuid: String) -> Bool { locked { entries[uuid]!.deleting } }
    func anyKnown<G: RandomNumberGenerator>(using g: inout G) -> String? { locked { known.randomElement(using: &g) } }
    /// Every uuid any worker has sent in a create (a search may see one before its create returns).
    var knownSet: Set<String> { locked { mentioned } }
    var appendTargets: [String] { locked { Array(appended.keys).sorted() } }

    func expectation(_ uuid: String) -> Expectation {
        locked {
            let e = entries[uuid]!
            if e.deleted { return .absent }
            return e.deleting ? .either(atLeast: e.counter) : .present(atLeast: e.counter)
        }
    }

    /// The final state: alive uuids with their counters; append targets with their dialog bodies.
    func finalState() -> (alive: [String: Int], deleted: Set<String>, appends: [String: [Int: String]]) {
        locked {
            var alive: [String: Int] = [:], gone = Set<String>()
            for (uuid, e) in entries { if e.deleted { gone.insert(uuid) } else if !e.deleting { alive[uuid] = e.counter } }
            return (alive, gone, appended)
        }
    }
}
