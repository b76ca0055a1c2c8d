// Handler: index.handler — the example `npm start` invokes through the local engine.
let invocations = 0;

export const handler = async (event, context) => {
  invocations += 1;
  console.log('Hello from Lambda Workbench', { name: event.name });
  return {
    statusCode: 200,
    body: JSON.stringify({
      message: `Hello, ${event.name ?? 'world'}!`,
      requestId: context.awsRequestId,
      remainingMs: context.getRemainingTimeInMillis(),
      invocations,
    }),
  };
};
