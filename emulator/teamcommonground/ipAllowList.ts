// TCG doc: "IP Allowlisting" — single IPv4, IPv4 CIDR, single IPv6, IPv6 CIDR. Built on node's
// BlockList (used here as an allow list). IPv4-mapped IPv6 (::ffff:a.b.c.d) counts as IPv4
// (README "Choices", IP allow-lists).
import { BlockList, isIP } from 'node:net';
import { normaliseRemoteAddress } from '../http';

export type IpAllowList = (address: string) => boolean;

/** Compiles allow-list entries; throws on an entry that is not an address or CIDR. */
export function compileAllowList(entries: string[]): IpAllowList {
	const list = new BlockList();
	for (const raw of entries) {
		const [address, prefixText, ...rest] = normaliseRemoteAddress(raw.trim()).split('/');
		const family = isIP(address);
		if (family === 0 || rest.length > 0) throw new Error(`invalid allowedIps entry "${raw}"`);
		const type = family === 4 ? 'ipv4' : 'ipv6';
		if (prefixText === undefined) {
			list.addAddress(address, type);
			continue;
		}
		const prefix = Number(prefixText);
		if (!/^\d+$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) throw new Error(`invalid allowedIps entry "${raw}"`);
		list.addSubnet(address, prefix, type);
	}
	return (remote) => {
		const address = normaliseRemoteAddress(remote);
		const family = isIP(address);
		if (family === 0) return false;
		return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
	};
}
