// Each package holds a generated copy of packages/shared/ in its nodes/shared/ (gulpfile.js), the
// same code but for a header line, and `npx gulp shared:check` fails when they differ. In jest the
// copies resolve to that one source, so every suite runs one instance of the shared modules: the
// limiter registry a test resets is the one the nodes use, and failures point at the file to edit.
// The copies themselves run in the end-to-end tests, from each package's tarball.
const path = require('path');

const COPY = new RegExp(`\\${path.sep}packages\\${path.sep}n8n-nodes-[a-z]+\\${path.sep}nodes\\${path.sep}shared\\${path.sep}`);
const SOURCE = `${path.sep}packages${path.sep}shared${path.sep}`;

module.exports = (request, options) => options.defaultResolver(request, options).replace(COPY, SOURCE);
