// A tiny method + path-pattern router (':name' segments become params). Unknown path → 404,
// known path with another method → 405 with the allowed methods, decided by each service.

export interface RouteMatch<H> {
	handler: H;
	params: Record<string, string>;
}

export type RouteResult<H> =
	| { kind: 'match'; match: RouteMatch<H> }
	| { kind: 'notFound' }
	| { kind: 'methodNotAllowed'; allow: string[] };

interface Route<H> {
	method: string;
	segments: string[];
	handler: H;
}

export class Router<H> {
	private readonly routes: Route<H>[] = [];

	add(method: string, pattern: string, handler: H): this {
		this.routes.push({ method, segments: split(pattern), handler });
		return this;
	}

	resolve(method: string, path: string): RouteResult<H> {
		const segments = split(path);
		const allow: string[] = [];
		for (const route of this.routes) {
			const params = matchSegments(route.segments, segments);
			if (!params) continue;
			if (route.method === method) return { kind: 'match', match: { handler: route.handler, params } };
			allow.push(route.method);
		}
		return allow.length > 0 ? { kind: 'methodNotAllowed', allow } : { kind: 'notFound' };
	}
}

function split(path: string): string[] {
	return path.split('/').filter((segment, index) => index > 0 || segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		if (pattern[i].startsWith(':')) {
			if (actual[i] === '') return undefined;
			try {
				params[pattern[i].slice(1)] = decodeURIComponent(actual[i]);
			} catch {
				return undefined;
			}
		} else if (pattern[i] !== actual[i]) {
			return undefined;
		}
	}
	return params;
}
