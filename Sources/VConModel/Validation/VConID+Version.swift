extension VConID {
    /// The UUID version nibble (the 13th hex digit).
    public var version: Int {
        let c = string.utf8[string.utf8.index(string.utf8.startIndex, offsetBy: 14)]
        return Int(c <= 57 ? c - 48 : c - 87)
    }
    public var isVersion8: Bool { version == 8 }
}
