#!/usr/bin/env node
'use strict';
// Cache V8's compiled code of the bundle between runs (Node >= 22.1): cold start matters in CI loops.
try {
  require('node:module').enableCompileCache?.();
} catch {
  // older Node, or an unwritable cache directory: run uncached
}
require('../dist/ossproc.cjs');
