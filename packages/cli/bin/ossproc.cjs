#!/usr/bin/env node
'use strict';
require('../dist/ossproc.cjs');
