/** What Loupe does and never does, in the same words on the welcome page and in About. */
export function Promises() {
  return (
    <section className="loupe-card loupe-promises" aria-labelledby="loupe-promises" data-testid="promises">
      <h2 id="loupe-promises">What Loupe does, and never does</h2>
      <div className="loupe-promise-columns">
        <div>
          <h3>Does</h3>
          <ul>
            <li>Shows on Upwork’s own pages what they hide or bury: a client’s hires, spend, rating and local time, exact proposals.</li>
            <li>Adds your rules, a job score, highlights, notes, a block list and job alerts.</li>
            <li>Reads all data from Upwork’s official API, with your own API key, under its rate limit and daily budget.</li>
          </ul>
        </div>
        <div>
          <h3>Never does</h3>
          <ul>
            <li>Never reloads, scrolls or pages through Upwork by itself, and never acts from a tab you aren’t looking at.</li>
            <li>Never sends anything to its makers or anyone but Upwork.</li>
            <li>Never keeps Upwork’s answers longer than 24 hours.</li>
          </ul>
        </div>
      </div>
    </section>
  );
}
