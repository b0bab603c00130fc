import zlib from "node:zlib";

// Hostile upload files, made in memory by the tests (nothing big is committed).

/** A raw deflate stream that inflates to `mb` MB of zeros: one flushed 1 MB block, repeated. */
export function zeroDeflate(mb: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  // Every copy only refers back to zeros, so the copies chain; 03 00 is an empty final block.
  return Buffer.concat([...Array<Buffer>(mb).fill(block), Buffer.from([0x03, 0x00])]);
}

interface ZipEntry {
  name: string;
  /** Stored bytes (method 0) or a raw deflate stream (method 8). */
  data: Buffer;
  method: 0 | 8;
  /** What the central directory declares the entry unpacks to. */
  size: number;
}

/** A ZIP archive with the given entries and declared sizes (CRCs are left 0: our reader ignores them). */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const stored = (name: string, text: string): ZipEntry => {
  const data = Buffer.from(text);
  return { name, data, method: 0, size: data.length };
};

/**
 * An XLSX whose only sheet inflates to `mb` MB. `lie`: the central directory declares a tiny size,
 * so only counting the inflated bytes can stop it.
 */
export function xlsxBomb(mb: number, lie: boolean): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return zipOf([
    stored(
      "xl/workbook.xml",
      `<workbook ${ns} ${rel}><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    stored(
      "xl/_rels/workbook.xml.rels",
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    { name: "xl/worksheets/sheet1.xml", data: zeroDeflate(mb), method: 8, size: lie ? 4096 : mb * 2 ** 20 },
  ]);
}

/** A GeoJSON FeatureCollection with one line of `n` points, written straight into a buffer. */
export function manyPointsGeoJson(n: number): Buffer {
  const head =
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"key":"1"},"geometry":{"type":"LineString","coordinates":[';
  const tail = "]}}]}";
  // Short coordinates ("[6.9123,50.9123]") keep a million points under the default limit of 20 MB.
  const buf = Buffer.alloc(head.length + n * 17 + tail.length);
  let p = buf.write(head);
  for (let i = 0; i < n; i++)
    p += buf.write(
      `${i ? "," : ""}[${(6.9 + (i % 1000) / 1e4).toFixed(4)},${(50.9 + Math.floor(i / 1000) / 1e4).toFixed(4)}]`,
      p,
    );
  p += buf.write(tail, p);
  return buf.subarray(0, p);
}
