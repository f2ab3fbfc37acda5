// The ids the server hands out: a wave's (its journal's name) and a plan's. Random, so that one
// cannot be guessed from another, and of one strict form, so that an id given back as input can
// only ever name a file in the server's own folders.
import { randomBytes } from 'node:crypto';

export const WAVE_ID = /^w-[0-9a-f]{16}$/;
export const PLAN_ID = /^p-[0-9a-f]{16}$/;

export const newWaveId = () => `w-${randomBytes(8).toString('hex')}`;
export const newPlanId = () => `p-${randomBytes(8).toString('hex')}`;
