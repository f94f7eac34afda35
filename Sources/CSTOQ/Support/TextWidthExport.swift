// The library's users measure and escape text by the same rules its
// renderers do: `DisplayWidth` and `Printable` come with `import CSTOQ`.
@_exported import TextWidth
