#!/usr/bin/env node
'use strict';
// Node 22.1+ keeps the compiled bundle on disk (os.tmpdir()/node-compile-cache), so a start after the first one
// skips compiling it; Node 20 has no compile cache and starts as before.
try {
  require('node:module').enableCompileCache?.();
} catch {
  // a cache that cannot be set up (a read-only temporary directory) only costs time
}
require('../dist/ossproc.cjs');
