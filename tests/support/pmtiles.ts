// Base maps (decision 0050): tests need a PMTiles archive without the pmtiles command line tool.

/**
 * A real, tiny PMTiles v3 archive (spec: header of 127 bytes, root directory, metadata, tile data):
 * one tile at z0 whose content is `tile`, nothing compressed. Enough for the pmtiles client to read.
 */
export function pmtilesArchive(tile: Buffer): Buffer {
  const dir = Buffer.from([1, 0, 1, ...varint(tile.length), 1]); // 1 entry: id 0, run 1, length, offset 0 (+1)
  const meta = Buffer.from("{}");
  const h = Buffer.alloc(127);
  h.write("PMTiles", 0, "latin1");
  h.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => h.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127); // root directory
  u64(16, dir.length);
  u64(24, 127 + dir.length); // metadata
  u64(32, meta.length);
  u64(40, 127 + dir.length + meta.length); // leaf directories: none
  u64(48, 0);
  u64(56, 127 + dir.length + meta.length); // tile data
  u64(64, tile.length);
  u64(72, 1);
  u64(80, 1);
  u64(88, 1);
  h.writeUInt8(1, 96); // clustered
  h.writeUInt8(1, 97); // internal compression: none
  h.writeUInt8(1, 98); // tile compression: none
  h.writeUInt8(1, 99); // tile type: MVT
  h.writeUInt8(0, 100); // zooms 0–0
  h.writeUInt8(0, 101);
  h.writeInt32LE(-1800000000, 102);
  h.writeInt32LE(-850000000, 106);
  h.writeInt32LE(1800000000, 110);
  h.writeInt32LE(850000000, 114);
  return Buffer.concat([h, dir, meta, tile]);
}
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  return [...out, n];
}
