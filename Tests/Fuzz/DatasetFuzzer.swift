// libFuzzer entry point: arbitrary bytes as a dataset file (see FuzzSupport.swift and run.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDataset(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzHarness.dataset(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
