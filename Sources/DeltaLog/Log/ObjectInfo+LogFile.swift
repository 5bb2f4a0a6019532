import Storage

extension ObjectInfo: ObjectInfoLike {}
