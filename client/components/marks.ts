import type { NodeState } from '../state/episodes';

/** Every state has a shape and a word as well as a colour, so colour is never the only cue. */
export const STATE_GLYPH: Record<NodeState, string> = {
  crisis: '◆',
  held: '▲',
  passed: '↑',
  bright: '★',
  normal: '',
};

export const STATE_WORD: Record<NodeState, string> = {
  crisis: 'crisis',
  held: 'signal held here',
  passed: 'signal passed up',
  bright: 'bright spot',
  normal: 'normal',
};
