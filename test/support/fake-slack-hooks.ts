// One fake Slack per mocha suite: started before the suite, closed after it, and put back to normal
// answers with an empty request log before each test. Call it first in the suite, so the suite's own
// beforeEach (registering tokens, making a client) runs after the reset.
import { FakeSlack } from './fake-slack';

export function fakeSlackPerSuite(use: (fake: FakeSlack) => void): void {
  let fake: FakeSlack | undefined;
  before(async () => {
    fake = await FakeSlack.start();
    use(fake);
  });
  after(async () => {
    await fake?.close();
  });
  beforeEach(() => {
    fake!.setMode('normal');
    fake!.resetLog();
  });
}
