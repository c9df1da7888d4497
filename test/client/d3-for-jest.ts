/**
 * d3 ships only ES modules (`.mjs`), and jest.config.js transforms `.js/.ts(x)` files only, so jest
 * cannot load `d3` as the client imports it. Until the transform also matches `.mjs`, tests that
 * reach d3 import this file first: it points `d3` at the package's own UMD build of the same version.
 */
import path from 'node:path';

jest.mock('d3', () => jest.requireActual(path.resolve(__dirname, '../../node_modules/d3/dist/d3.min.js')));
