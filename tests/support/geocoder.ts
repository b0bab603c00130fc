import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake geocoder does for a request: a point, nothing found, or a failure. */
export type FakeAnswer = { lat: number; lon: number; countrycode?: string } | null | "hang" | "error" | "garbage";

export interface FakeGeocoder {
  /** The search endpoint, as an operator would set GEOCODER_URL (…/search, …/api). */
  url: string;
  /** The query of every request received, in order. */
  requests: URLSearchParams[];
  userAgents: string[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free local port that answers like a Nominatim (`/search`, format=jsonv2) or a
 * Photon (`/api`, GeoJSON), asking `answer` what to say for each query: a point, nothing (an empty list or
 * collection, as both do for an unknown address), or no answer at all ("hang"), a 500 or a non-JSON page.
 */
export async function startFakeGeocoder(
  kind: "nominatim" | "photon",
  answer: (q: URLSearchParams) => FakeAnswer,
): Promise<FakeGeocoder> {
  const requests: URLSearchParams[] = [];
  const userAgents: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push(url.searchParams);
    userAgents.push(String(req.headers["user-agent"] ?? ""));
    const a = answer(url.searchParams);
    if (a === "hang") return; // never answers; close() cuts the connection
    if (a === "error") return res.writeHead(500).end("Internal Server Error");
    if (a === "garbage") return res.writeHead(200, { "content-type": "text/html" }).end("<html>Wartung</html>");
    const body =
      kind === "nominatim"
        ? a
          ? [{ place_id: 1, lat: String(a.lat), lon: String(a.lon), display_name: "Test", category: "place" }]
          : []
        : {
            type: "FeatureCollection",
            features: a
              ? [
                  {
                    type: "Feature",
                    geometry: { type: "Point", coordinates: [a.lon, a.lat] },
                    properties: { countrycode: a.countrycode ?? "DE", osm_key: "place", type: "house" },
                  },
                ]
              : [],
          };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${kind === "nominatim" ? "search" : "api"}`,
    requests,
    userAgents,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
