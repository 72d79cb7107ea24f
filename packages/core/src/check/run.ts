import { checkCombinations } from './combinations';
import type { CheckContext } from './context';
import { checkStanding, citeSources } from './evidence';
import { checkMedia } from './media';
import { checkMode } from './mode';
import { checkNestedOnly } from './nested';
import { checkParams } from './params';
import { checkRelations } from './relations';
import { checkStructure } from './structure';
import { checkSyntax } from './syntax';
import { checkTargets } from './targets';

/** The rule families, in the order their findings read best. */
const FAMILIES = [checkSyntax, checkStructure, checkStanding, checkParams, checkRelations, checkMedia, checkCombinations, checkTargets, checkNestedOnly, checkMode];

export function runRules(ctx: CheckContext): void {
  for (const family of FAMILIES) family(ctx);
  citeSources(ctx);
}
