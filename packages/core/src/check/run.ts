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

/**
 * The rule families, in the order their findings read best: called one by one rather than from a list, so
 * that each call site sees one function (a loop over the list is one call site for ten, and inlines none).
 */
export function runRules(ctx: CheckContext): void {
  checkSyntax(ctx);
  checkStructure(ctx);
  checkStanding(ctx);
  checkParams(ctx);
  checkRelations(ctx);
  checkMedia(ctx);
  checkCombinations(ctx);
  checkTargets(ctx);
  checkNestedOnly(ctx);
  checkMode(ctx);
  citeSources(ctx);
}
