import Foundation

/// C string arrays for libpq calls, allocated for the call and freed right after.
enum PGParameters {
    /// Parameter values for `PQexecPrepared` (text format: NUL-terminated; nil is SQL NULL).
    static func with<R>(_ params: [PGValue], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var owned: [UnsafeMutablePointer<CChar>] = []
        owned.reserveCapacity(params.count)
        defer { owned.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = []
        pointers.reserveCapacity(params.count)
        for param in params {
            switch param {
            case .null:
                pointers.append(nil)
            case let .text(s):
                let copy = strdup(s)!
                owned.append(copy)
                pointers.append(UnsafePointer(copy))
            case let .bytes(b):
                let copy = malloc(b.count + 1)!.assumingMemoryBound(to: CChar.self)
                b.withUnsafeBytes { raw in
                    if let base = raw.baseAddress { memcpy(copy, base, b.count) }
                }
                copy[b.count] = 0
                owned.append(copy)
                pointers.append(UnsafePointer(copy))
            }
        }
        return body(pointers)
    }

    /// A NULL-terminated array of C strings (keywords/values for `PQconnectdbParams`).
    static func withNullTerminated<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let owned = strings.map { strdup($0)! }
        defer { owned.forEach { free($0) } }
        return body(owned.map { UnsafePointer($0) } + [nil])
    }
}
