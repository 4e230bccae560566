// A drill's child process: runs one job against the emulator and, given a trip, SIGKILLs itself at
// its k-th write RPC. Started with `node test/support/drills/drill-child.ts '<spec JSON>'`; prints
// `{"writeRpcs": n}` when it finishes without being killed.
import { openFirestore } from '../../../functions/src/store/db.ts';
import { runDrillJob, type DrillJobSpec } from './drill-jobs.ts';
import { writeTripwire, type Trip } from './write-tripwire.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as { job: DrillJobSpec; projectId: string; trip?: Trip };
const db = openFirestore(spec.projectId);
const wire = writeTripwire(db, spec.trip);
await runDrillJob(db, spec.job);
process.stdout.write(`${JSON.stringify({ writeRpcs: wire.writeRpcs() })}\n`);
process.exit(0);
