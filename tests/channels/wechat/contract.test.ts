/** The shared channel contract, run against WeChat both in-process and through the real gRPC transport. */
import { channelContract } from '../contract-suite.js';
import { isolateEnv } from './harness.js';
import { contractDriver, startRealRig } from './real-app.js';

isolateEnv();

channelContract('wechat (PuppetMock in-process)', async () => contractDriver(await startRealRig('in-process')));
channelContract('wechat (PuppetServer ⇄ gRPC ⇄ PuppetService)', async () => contractDriver(await startRealRig('grpc')));
