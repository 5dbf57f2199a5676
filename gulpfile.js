// Copies the SVG icons next to the compiled nodes and credentials, as n8n's starter does:
// n8n resolves `file:` icon paths relative to the built .js files in dist/.
const path = require('path');
const { task, src, dest } = require('gulp');

task('build:icons', copyIcons);

function copyIcons() {
	return src(path.resolve('icons', '*.svg')).pipe(dest(path.resolve('dist', 'icons')));
}
