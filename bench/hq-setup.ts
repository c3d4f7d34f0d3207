import { Agent } from 'node:http';
import { ADMIN_PATHS, officerWriteAnswerSchema } from '../shared/admin/index';
import { addDays, type Resident, ROUTES, sessionSchema } from '../shared/index';
import type { Db } from '../server/db/db';
import { upsertResidents } from '../server/reference/reference-store';
import { certificateNo, DEMO_MARKET_POINTS, DEMO_PASSWORD, DEMO_PORTS, demoResidentId, demoResidents } from '../server/seed/demo-data';
import { makeIdNumber } from '../server/seed/id-number';
import { seedDemoData } from '../server/seed/seed';
import { jsonBytes, postJson } from './hq-http';

/**
 * What bench:hq sets up before the clock starts: the demo data and enough residents per
 * port that the duty-free amount (免税额度) behaves as on a real day, written into the
 * store before HQ starts (HQ has no API for residents yet); then, with HQ running, one
 * officer per simulated desk, added by the HQ administrator through HQ's admin API as
 * the console does.
 */
export interface DeskPlan {
  /** 1-based, for names and logs. */
  index: number;
  portId: string;
  /** The market point (互市点) the desk's counter stands at. */
  pointId: string;
  username: string;
  name: string;
  deviceId: string;
}

/** The bench officers' password (the admin API asks for at least 10 characters). */
export const BENCH_PASSWORD = 'bench-desk-password';

export interface PortPlan {
  portId: string;
  desks: DeskPlan[];
  /** The residents desks of this port declare for (valid ones only). */
  residents: Resident[];
}

/**
 * Declarations a resident makes per trade day, on average, across all desks of the port.
 * The demo day averages ~1,600 yuan a declaration and the amount is 8,000 yuan a day, so
 * at 1.5 most residents stay inside it and a few go over at two desks (flagged, as
 * DESIGN.md promise 4 says). With the 3,000 demo residents alone, 34 desks × 8,000
 * declarations over 7 days would be 13 a resident a day: nearly everything over quota.
 */
export const DECLARATIONS_PER_RESIDENT_DAY = 1.5;
/** Trade dates the desks' declarations spread over (today and the 6 days before). */
export const TRADE_DAYS = 7;

/** `DONGXING:34,PINGXIANG:16` → desks per port (demo ports only: their points and lists exist). */
export function parsePortSpread(text: string): Map<string, number> {
  const spread = new Map<string, number>();
  for (const part of text.split(',')) {
    const [portId, count] = part.split(':');
    const desks = Number(count);
    if (portId === undefined || !DEMO_PORTS.some((p) => p.portId === portId) || !Number.isInteger(desks) || desks < 1) {
      throw new Error(`--ports: expected PORT:DESKS[,PORT:DESKS] over ${DEMO_PORTS.map((p) => p.portId).join(', ')}, got "${text}"`);
    }
    spread.set(portId, desks);
  }
  return spread;
}

const SURNAMES = ['黄', '陆', '韦', '农', '李', '梁', '陈', '苏', '刘', '何', '蒙', '卢', '罗', '周', '莫', '覃'];
const GIVEN = ['文', '丽', '德', '春', '国', '美', '永', '金', '少', '桂', '家', '月', '振', '小', '世', '玉'];

function benchResident(port: (typeof DEMO_PORTS)[number], n: number): Resident {
  const certificate = certificateNo(port.certificatePrefix, 100_000 + n);
  return {
    id: demoResidentId(certificate),
    portId: port.portId,
    name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[Math.floor(n / 16) % 16]}${GIVEN[Math.floor(n / 256) % 16]}`,
    idNumber: makeIdNumber(port.region, addDays('1960-01-01', (n * 7919) % 16_000), n),
    certificateNo: certificate,
    township: '',
    village: '',
    validFrom: '2024-01-01',
    validTo: '2030-12-31',
    status: 'valid',
  };
}

/** The desks and residents of each port, without touching a store. */
export function planDesks(spread: Map<string, number>, perDesk: number): PortPlan[] {
  let index = 0;
  return [...spread].map(([portId, deskCount]) => {
    const port = DEMO_PORTS.find((p) => p.portId === portId);
    if (port === undefined) throw new Error(`no demo port ${portId}`);
    const points = DEMO_MARKET_POINTS.filter((p) => p.portId === portId);
    const desks = Array.from({ length: deskCount }, (_, k): DeskPlan => {
      index++;
      const number = String(index).padStart(2, '0');
      return {
        index,
        portId,
        pointId: points[k % points.length]?.id ?? '',
        username: `bench.${port.certificatePrefix.toLowerCase()}.${number}`,
        name: `压测柜台 ${number}`,
        deviceId: `bench-desk-${number}`,
      };
    });
    const demo = demoResidents(portId).filter((r) => r.status === 'valid');
    const wanted = Math.ceil((deskCount * perDesk) / TRADE_DAYS / DECLARATIONS_PER_RESIDENT_DAY);
    const extra = Array.from({ length: Math.max(0, wanted - demo.length) }, (_, n) => benchResident(port, n + 1));
    return { portId, desks, residents: [...demo, ...extra] };
  });
}

/** Demo data, then the plan's extra residents (as HQ's reference store writes them: fresh seqs). */
export async function fillStore(db: Db, plan: readonly PortPlan[]): Promise<void> {
  await seedDemoData(db);
  for (const port of plan) {
    const demoIds = new Set(demoResidents(port.portId).map((r) => r.id));
    const extra = port.residents.filter((r) => !demoIds.has(r.id));
    await db.transaction((tx) => upsertResidents(tx, port.portId, extra));
  }
}

/**
 * Signs in as the demo HQ administrator and adds each desk's officer (role officer, at
 * the desk's port) through the admin API. Resolves to the officer id of each username.
 */
export async function addOfficers(hqUrl: string, plan: readonly PortPlan[]): Promise<Map<string, string>> {
  const base = new URL(hqUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  try {
    const login = await postJson(agent, base, ROUTES.login, jsonBytes({ username: 'hq.admin', password: DEMO_PASSWORD, deviceId: 'bench-hq-console' }), null);
    if (login.status !== 200) throw new Error(`hq.admin sign-in: ${login.status} ${login.text.slice(0, 300)}`);
    const token = sessionSchema.parse(JSON.parse(login.text)).accessToken;
    const ids = new Map<string, string>();
    await Promise.all(
      plan.flatMap((port) =>
        port.desks.map(async (desk) => {
          const body = jsonBytes({ username: desk.username, name: desk.name, role: 'officer', password: BENCH_PASSWORD });
          const answer = await postJson(agent, base, ADMIN_PATHS.officers(port.portId), body, token);
          if (answer.status !== 201) throw new Error(`adding officer ${desk.username}: ${answer.status} ${answer.text.slice(0, 300)}`);
          ids.set(desk.username, officerWriteAnswerSchema.parse(JSON.parse(answer.text)).record.id);
        }),
      ),
    );
    return ids;
  } finally {
    agent.destroy();
  }
}
