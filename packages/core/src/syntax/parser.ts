import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import { Comma, Pipe, Prefix, Slash, Word, allTokens } from './lexer';

/**
 * The grammar, with every part optional so that any token sequence parses: a missing product, action name or
 * parameter leaves a hole in the raw tree, and `parse()` turns each hole into a syntax error with its own
 * range. One pass therefore reports every error and always yields a tree.
 *
 *   process := Prefix? stage ( "|" stage )*
 *   stage   := Word? ( "," Word? )* ( "/" action )*     the head is a product when "/" follows it
 *   action  := Word? ( "," Word? )*                     the first word is the action's name
 *
 * A word is split into key `_` value by the tree builder.
 */

/** A run of words separated by commas: an action's name and its parameters (any of them may be missing). */
export interface RawAction {
  /** The `/` before the action; absent for the head of a stage. */
  slash?: IToken;
  name?: IToken;
  commas: IToken[];
  /** params[i] follows commas[i]. */
  params: (IToken | undefined)[];
}
export interface RawStage {
  /** The `|` before the stage; absent for the first. */
  pipe?: IToken;
  /** The words before the first `/`: a product, or an action with its parameters (`notify,topic_…`). */
  head: RawAction;
  actions: RawAction[];
}
export interface RawProcess {
  prefix?: IToken;
  stages: RawStage[];
}

class ProcessParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: false, maxLookahead: 1 });
    this.performSelfAnalysis();
  }

  process = this.RULE('process', (): RawProcess => {
    const prefix = this.OPTION(() => this.CONSUME(Prefix));
    const stages: RawStage[] = [this.SUBRULE(this.stage)];
    this.MANY(() => {
      const pipe = this.CONSUME(Pipe);
      const stage = this.SUBRULE2(this.stage);
      this.ACTION(() => (stage.pipe = pipe));
      stages.push(stage);
    });
    return { prefix, stages };
  });

  private stage = this.RULE('stage', (): RawStage => {
    const head = this.SUBRULE(this.action);
    const actions: RawAction[] = [];
    this.MANY(() => {
      const slash = this.CONSUME(Slash);
      const action = this.SUBRULE2(this.action);
      this.ACTION(() => (action.slash = slash));
      actions.push(action);
    });
    return { head, actions };
  });

  private action = this.RULE('action', (): RawAction => {
    const name = this.OPTION(this.nameWord);
    const commas: IToken[] = [];
    const params: (IToken | undefined)[] = [];
    this.MANY(() => {
      commas.push(this.CONSUME(Comma));
      params.push(this.OPTION2(this.paramWord));
    });
    return { name, commas, params };
  });

  // made once, not per call: these run for every word of every string
  private nameWord = () => this.CONSUME(Word);
  private paramWord = () => this.CONSUME2(Word);
}

let parser: ProcessParser | undefined;

/**
 * One parser instance serves every parse (Chevrotain parsers are costly to build and cheap to reuse). It is
 * built on first use: simple strings never need it (syntax/scan.ts), so a short run or a CLI start skips it.
 */
export function processParser(): ProcessParser {
  return (parser ??= new ProcessParser());
}
