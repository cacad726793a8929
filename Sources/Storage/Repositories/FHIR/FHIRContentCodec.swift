import CZstd

/// How `fhir_resources.content` is stored: either the compact JSON itself (it starts with `{`), or a
/// zstd frame of it (it starts with the zstd magic number). A frame names the dictionary it was
/// compressed with by id (0: none); dictionaries live in `fhir_dictionaries`, one or more per
/// organization, trained on that organization's own resources when it first imports in bulk.
///
/// FHIR JSON repeats the same keys, systems and URLs in every resource, so a trained dictionary
/// makes each resource about 7× smaller (Synthea: 24.9 MB of compact JSON → 3.3 MB), which cuts the
/// pages SQLite writes to the WAL and checkpoints by the same factor. Without a dictionary small
/// resources barely compress, so content is stored plain then.
public enum FHIRContentCodec {
    /// The zstd level: 1 compresses FHIR with a dictionary almost as well as 19, at a fraction of the CPU.
    static let level: Int32 = 1
    /// Dictionary ids start here (ids below 32768 are reserved by the zstd format for a registry).
    public static let firstDictionaryID: Int64 = 32768

    /// Whether stored bytes are a zstd frame (else plain JSON).
    static func isCompressed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x28 && bytes[1] == 0xB5 && bytes[2] == 0x2F && bytes[3] == 0xFD
    }

    /// Trains a dictionary of at most `capacity` bytes on `samples` (compact JSON of resources) and gives
    /// it the id `id`; nil when there are too few or too small samples to learn from.
    public static func trainDictionary(samples: [[UInt8]], id: Int64, capacity: Int = 64 * 1024) -> [UInt8]? {
        guard samples.count >= 16 else { return nil }
        var joined: [UInt8] = []
        joined.reserveCapacity(samples.reduce(0) { $0 + $1.count })
        var sizes: [Int] = []
        sizes.reserveCapacity(samples.count)
        for sample in samples {
            joined += sample
            sizes.append(sample.count)
        }
        guard joined.count >= 8 * 1024 else { return nil }
        var dictionary = [UInt8](repeating: 0, count: capacity)
        var size = dictionary.withUnsafeMutableBytes { out in
            joined.withUnsafeBytes { input in
                // Fixed fastCover parameters: on FHIR (Synthea, 1,000 samples) k=1000, d=8 trains in 12 ms to a
                // 7.3× ratio, where ZDICT_trainFromBuffer's parameter search takes 46 ms for 7.2×.
                var parameters = ZDICT_fastCover_params_t()
                parameters.k = 1000
                parameters.d = 8
                parameters.f = 20
                parameters.accel = 1
                parameters.nbThreads = 1
                parameters.splitPoint = 1.0
                parameters.zParams.compressionLevel = FHIRContentCodec.level
                return ZDICT_trainFromBuffer_fastCover(out.baseAddress, capacity, input.baseAddress, sizes, UInt32(sizes.count), parameters)
            }
        }
        if ZDICT_isError(size) != 0 {
            size = dictionary.withUnsafeMutableBytes { out in
                joined.withUnsafeBytes { ZDICT_trainFromBuffer(out.baseAddress, capacity, $0.baseAddress, sizes, UInt32(sizes.count)) }
            }
        }
        guard ZDICT_isError(size) == 0, size >= 8 else { return nil }
        dictionary.removeSubrange(size...)
        // Bytes 4..<8 of a zstd dictionary are its id, written into every frame compressed with it.
        let id32 = UInt32(truncatingIfNeeded: id)
        for byte in 0..<4 { dictionary[4 + byte] = UInt8(truncatingIfNeeded: id32 >> (8 * UInt32(byte))) }
        return dictionary
    }
}

/// A trained dictionary ready to compress and decompress with. Immutable after creation; zstd's
/// prepared dictionaries are read-only and may be shared by threads (each with its own context).
public final class FHIRContentDictionary: @unchecked Sendable {
    /// The id in `fhir_dictionaries` and in each frame.
    public let id: Int64
    /// The dictionary as stored.
    public let bytes: [UInt8]
    private let compression: OpaquePointer
    private let decompression: OpaquePointer

    /// Prepares `bytes` (as trained by `FHIRContentCodec.trainDictionary`) for use; nil if zstd refuses them.
    public init?(id: Int64, bytes: [UInt8]) {
        guard let c = bytes.withUnsafeBytes({ ZSTD_createCDict($0.baseAddress, $0.count, FHIRContentCodec.level) }) else { return nil }
        guard let d = bytes.withUnsafeBytes({ ZSTD_createDDict($0.baseAddress, $0.count) }) else {
            ZSTD_freeCDict(c)
            return nil
        }
        guard ZSTD_getDictID_fromDDict(d) == UInt32(truncatingIfNeeded: id) else {
            ZSTD_freeCDict(c)
            ZSTD_freeDDict(d)
            return nil
        }
        self.id = id
        self.bytes = bytes
        self.compression = c
        self.decompression = d
    }

    deinit {
        ZSTD_freeCDict(compression)
        ZSTD_freeDDict(decompression)
    }

    fileprivate var cdict: OpaquePointer { compression }
    fileprivate var ddict: OpaquePointer { decompression }
}

/// Compresses resources for storage. One per thread (it owns a zstd context).
public final class FHIRContentCompressor {
    private let context: OpaquePointer

    /// A compressor with its own context.
    public init() { context = ZSTD_createCCtx() }

    deinit { ZSTD_freeCCtx(context) }

    /// `json` as stored with `dictionary`: a zstd frame, or `json` itself without a dictionary.
    public func encode(_ json: [UInt8], dictionary: FHIRContentDictionary?) -> [UInt8] {
        guard let dictionary, !json.isEmpty else { return json }
        let bound = ZSTD_compressBound(json.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBytes { out in
            json.withUnsafeBytes { input in
                ZSTD_compress_usingCDict(context, out.baseAddress, bound, input.baseAddress, input.count, dictionary.cdict)
            }
        }
        guard ZSTD_isError(written) == 0 else { return json }
        output.removeSubrange(written...)
        return output
    }
}

/// Turns stored content back into JSON, loading dictionaries through `lookup` on first use. Owned
/// by one connection (one thread at a time).
final class FHIRContentDecoder {
    private let context: OpaquePointer
    private var dictionaries: [Int64: FHIRContentDictionary] = [:]

    init() { context = ZSTD_createDCtx() }

    deinit { ZSTD_freeDCtx(context) }

    func decode(_ stored: [UInt8], lookup: (Int64) throws -> [UInt8]?) throws -> [UInt8] {
        try stored.withUnsafeBytes { source -> [UInt8] in
            guard FHIRContentCodec.isCompressed(source) else { return stored }
            let size = ZSTD_getFrameContentSize(source.baseAddress, source.count)
            // ZSTD_CONTENTSIZE_UNKNOWN and _ERROR are the two largest UInt64 values; frames written here always carry their size.
            guard size < UInt64.max - 1, size <= 64 << 20 else { throw StorageError.corrupt("a stored FHIR resource has no valid content size") }
            let id = Int64(ZSTD_getDictID_fromFrame(source.baseAddress, source.count))
            var dictionary: FHIRContentDictionary?
            if id != 0 {
                if let cached = dictionaries[id] {
                    dictionary = cached
                } else {
                    guard let bytes = try lookup(id), let loaded = FHIRContentDictionary(id: id, bytes: bytes) else {
                        throw StorageError.corrupt("a stored FHIR resource needs dictionary \(id), which is missing or unreadable")
                    }
                    dictionaries[id] = loaded
                    dictionary = loaded
                }
            }
            var output = [UInt8](repeating: 0, count: Int(size))
            let written = output.withUnsafeMutableBytes { out in
                if let dictionary {
                    return ZSTD_decompress_usingDDict(context, out.baseAddress, out.count, source.baseAddress, source.count, dictionary.ddict)
                }
                return ZSTD_decompressDCtx(context, out.baseAddress, out.count, source.baseAddress, source.count)
            }
            guard ZSTD_isError(written) == 0, written == Int(size) else {
                throw StorageError.corrupt("a stored FHIR resource does not decompress")
            }
            return output
        }
    }
}

extension StorageError {
    static func corrupt(_ message: String) -> StorageError {
        StorageError(extendedCode: 11 /* SQLITE_CORRUPT */, message: message)
    }
}
