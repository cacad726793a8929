// libFuzzer harness over the HTTP request parser (see Makefile `fuzz`). Built without
// -sanitize=fuzzer (a plain `swift build`), the executable does nothing.
@_spi(Fuzzing) import HTTPServer

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ParserFuzzing.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
