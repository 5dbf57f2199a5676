// The code both packages share has one source, packages/shared/. n8n verifies a package by
// linting the committed folder whose package.json has its name (nodes/ and credentials/), and a
// community package may ship no runtime dependency, so each package folder holds a generated copy
// of it in nodes/shared/, compiled into its dist/ by `n8n-node build` like any of its own files.
//
//   npx gulp shared        writes the copies (each package's `npm run build` does this first)
//   npx gulp shared:check  fails, naming the files, when a copy differs from the source
//                          (`npm run check` and CI run it, so a hand edit to a copy cannot land)
const fs = require('fs');
const path = require('path');
const { task } = require('gulp');

const ROOT = __dirname;
const SOURCE = path.join(ROOT, 'packages', 'shared');
const PACKAGES = ['n8n-nodes-commonroom', 'n8n-nodes-teamcommonground'];
const COPIED = /\.ts$/;

/** Every file of the source, relative to it, sorted. */
function sourceFiles(dir = SOURCE) {
	return fs
		.readdirSync(dir, { withFileTypes: true })
		.flatMap((entry) => {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) return sourceFiles(full);
			return COPIED.test(entry.name) ? [path.relative(SOURCE, full)] : [];
		})
		.sort();
}

/** What the copy of one source file holds: a line saying where it comes from, then the source. */
function copyOf(relative) {
	const from = path.posix.join('packages/shared', relative.split(path.sep).join('/'));
	const header = `// Generated from ${from} by \`npx gulp shared\` (gulpfile.js). Edit that file, not this copy.\n`;
	return header + fs.readFileSync(path.join(SOURCE, relative), 'utf8');
}

/** Each package's copy folder, and what should be in it: { file: content }. */
function wanted() {
	const files = Object.fromEntries(sourceFiles().map((relative) => [relative, copyOf(relative)]));
	return PACKAGES.map((name) => ({ name, dir: path.join(ROOT, 'packages', name, 'nodes', 'shared'), files }));
}

/** Files in a copy folder, relative to it. */
function filesIn(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? filesIn(full).map((file) => path.join(entry.name, file)) : [entry.name];
	});
}

function drift() {
	const problems = [];
	for (const { name, dir, files } of wanted()) {
		for (const [relative, content] of Object.entries(files)) {
			const target = path.join(dir, relative);
			if (!fs.existsSync(target)) problems.push(`${name}: nodes/shared/${relative} is missing`);
			else if (fs.readFileSync(target, 'utf8') !== content) problems.push(`${name}: nodes/shared/${relative} differs from packages/shared/${relative}`);
		}
		for (const relative of filesIn(dir)) {
			if (!(relative in files)) problems.push(`${name}: nodes/shared/${relative} has no source in packages/shared/`);
		}
	}
	return problems;
}

async function writeShared() {
	for (const { dir, files } of wanted()) {
		fs.rmSync(dir, { recursive: true, force: true });
		for (const [relative, content] of Object.entries(files)) {
			fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
			fs.writeFileSync(path.join(dir, relative), content);
		}
	}
}

async function checkShared() {
	const problems = drift();
	if (problems.length > 0) {
		throw new Error(`the shared code's copies are out of date (run \`npx gulp shared\` and commit):\n  ${problems.join('\n  ')}`);
	}
	console.log(`nodes/shared/ in ${PACKAGES.join(' and ')}: ${sourceFiles().length} files each, the same as packages/shared/`);
}

task('shared', writeShared);
task('shared:check', checkShared);
