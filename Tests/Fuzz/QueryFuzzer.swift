// libFuzzer entry point: arbitrary bytes as cstoq statements (see FuzzSupport.swift and run.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.query(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
