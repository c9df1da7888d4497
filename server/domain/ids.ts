/**
 * Branded ids and times: a node id cannot be passed where an episode id is wanted, nor a duration
 * where an instant is. Strings and numbers from the edges (configuration, readings, the log) become
 * branded here, once.
 */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type NodeId = Brand<string, 'NodeId'>;
export type IndicatorId = Brand<string, 'IndicatorId'>;
export type EpisodeId = Brand<string, 'EpisodeId'>;
/** Milliseconds since the Unix epoch, on the engine's clock. */
export type Instant = Brand<number, 'Instant'>;

export const nodeId = (id: string): NodeId => id as NodeId;
export const indicatorId = (id: string): IndicatorId => id as IndicatorId;
export const episodeId = (id: string): EpisodeId => id as EpisodeId;
export const instant = (ms: number): Instant => ms as Instant;
