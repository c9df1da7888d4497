import { createContext } from 'react';

/** The instant the replayed room shows (null while live): what reads history for itself (the sparklines) reads it up to then, never the future. */
export const ReplayMoment = createContext<number | null>(null);
