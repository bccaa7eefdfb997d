/**
 * A response body serialized once. A cached read that many callers ask for (the Insight figures)
 * is kept as its JSON text, so a hit costs a string copy to the socket, not a `JSON.stringify` of
 * a large object per request. The HTTP layer sends it as `application/json` untouched; under tests
 * the response check still parses it against the route's schema.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

export const jsonText = (value: unknown): JsonText => new JsonText(JSON.stringify(value));
