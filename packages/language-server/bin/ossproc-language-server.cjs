#!/usr/bin/env node
// ossproc-language-server --stdio | --node-ipc | --socket=<port>
require('../dist/server.cjs');
