internal import CHiredis

/// A Redis reply copied out of hiredis memory (the reply object is freed right after).
enum RedisReply: Sendable, Equatable {
    case string([UInt8])
    case status(String)
    case integer(Int64)
    case null
    case array([RedisReply])
    case error(String)

    init(copying reply: UnsafePointer<redisReply>) {
        let r = reply.pointee
        switch Int(r.type) {
        case Int(REDIS_REPLY_STRING):
            self = .string(r.str.map { Array(UnsafeRawBufferPointer(start: $0, count: r.len)) } ?? [])
        case Int(REDIS_REPLY_STATUS):
            self = .status(r.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: r.len), as: UTF8.self) } ?? "")
        case Int(REDIS_REPLY_ERROR):
            self = .error(r.str.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: r.len), as: UTF8.self) } ?? "")
        case Int(REDIS_REPLY_INTEGER):
            self = .integer(Int64(r.integer))
        case Int(REDIS_REPLY_ARRAY):
            var items: [RedisReply] = []
            items.reserveCapacity(r.elements)
            for i in 0..<r.elements {
                if let element = r.element[i] { items.append(RedisReply(copying: element)) } else { items.append(.null) }
            }
            self = .array(items)
        default:
            self = .null
        }
    }

    var bytes: [UInt8]? { if case let .string(b) = self { return b } else { return nil } }
    var text: String? {
        switch self {
        case let .string(b): return String(decoding: b, as: UTF8.self)
        case let .status(s): return s
        default: return nil
        }
    }
    var integer: Int64? { if case let .integer(i) = self { return i } else { return nil } }
}
