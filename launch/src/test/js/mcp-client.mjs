// The TypeScript MCP SDK's client (npm @modelcontextprotocol/sdk, fetched by launch/scripts/fetch-mcp-sdk.sh)
// against `classbot mcp --http`: initialize, list tools, plan, execute a 0.5 m move, a 2.5 m move confirmed by the
// person through MCP elicitation (yes, then no), estop then execute, ask.
// Usage: node mcp-client.mjs NODE_MODULES_DIR http://127.0.0.1:PORT/mcp
// Prints one JSON object with what it saw; exit 0 when the session ran to its end.
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [nodeModules, url] = process.argv.slice(2);
const sdk = (p) => import(pathToFileURL(join(nodeModules, "@modelcontextprotocol/sdk/dist/esm", p)).href);
const { Client } = await sdk("client/index.js");
const { StreamableHTTPClientTransport } = await sdk("client/streamableHttp.js");
const { ElicitRequestSchema } = await sdk("types.js");

const client = new Client({ name: "classbot-ts-test", version: "1.0.0" }, { capabilities: { elicitation: {} } });
const questions = [];
// the "person": says yes to the first question, no to the second
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  questions.push(request.params.message);
  return questions.length === 1 ? { action: "accept", content: { confirm: true } } : { action: "decline" };
});
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const out = { server: client.getServerVersion(), tools: [], calls: {} };
out.tools = (await client.listTools()).tools.map((t) => t.name);

const call = async (name, args) => {
  const t0 = process.hrtime.bigint();
  const r = await client.callTool({ name, arguments: args });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { isError: r.isError === true, text: r.content?.[0]?.text ?? "", structured: r.structuredContent ?? null, ms };
};
out.calls.plan = await call("plan", { utterance: "先前进两米，然后右转九十度" });
out.calls.execute = await call("execute", { actions: [{ action: "move", distance_m: 0.5 }] });
out.calls.state = await call("robot_state", {});
out.calls.bigYes = await call("execute", { actions: [{ action: "move", distance_m: 2.5 }] });
out.calls.bigNo = await call("execute", { actions: [{ action: "move", distance_m: 2.5 }] });
out.calls.state2 = await call("robot_state", {});
out.questions = questions;
out.calls.estop = await call("estop", {});
out.calls.afterEstop = await call("execute", { actions: [{ action: "move", distance_m: 0.5 }] });
out.calls.ask = await call("ask", { question: "实验室里可以吃东西吗？" });
await client.close();
console.log(JSON.stringify(out));
