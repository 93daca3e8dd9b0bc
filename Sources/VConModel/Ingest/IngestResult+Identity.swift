import JSONCore

extension IngestResult {
    /// True when `stored` holds the vCon this ingest describes, so a repeated create is a no-op.
    ///
    /// Byte equality is the rule. The one exception: lenient ingest fills a missing `created_at`
    /// with the time of ingest, so the same legacy input ingested twice differs only there; the
    /// stored document is then the same vCon when everything but `created_at` is equal.
    public func describesSameVCon(asStored stored: [UInt8]) -> Bool {
        if stored == bytes { return true }
        guard normalisations.contains(where: { $0.path == "created_at" }),
              case var .object(mine) = document,
              case var .object(theirs)? = try? JSON.parse(stored)
        else { return false }
        mine["created_at"] = nil
        theirs["created_at"] = nil
        return mine == theirs
    }
}
