// The sandbox pages' single-page-app behaviour, so Loupe meets what it meets on the real site:
// routes change with pushState and no page load, lists grow by infinite scroll, a slider opens a
// job over the list, back/forward work, and a light/dark theme on html[theme].
// Markup comes from the sandbox's own server (escaped there) via /__sandbox/page-data.
(() => {
  const main = document.getElementById('main');
  const sliderRoot = document.getElementById('slider-root');
  if (!main || !sliderRoot) return;

  const parse = (markup) => new DOMParser().parseFromString(markup || '', 'text/html').body;

  async function pageData(url) {
    const response = await fetch(`/__sandbox/page-data?url=${encodeURIComponent(url)}`, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`page-data ${response.status}`);
    return response.json();
  }

  function showSlider(markup) {
    sliderRoot.replaceChildren(...parse(markup).childNodes);
    document.body.classList.toggle('slider-open', Boolean(markup));
  }

  function showPage(data) {
    document.title = data.title;
    main.dataset.listUrl = data.listUrl || '';
    main.replaceChildren(...parse(data.main).childNodes);
    showSlider(data.slider);
    watchSentinel();
  }

  const here = () => location.pathname + location.search;

  /** Full route change: new main content (and slider when the URL names one). */
  async function navigate(url, { push = true } = {}) {
    const data = await pageData(url);
    if (push) history.pushState({ sandbox: true }, '', url);
    showPage(data);
    window.scrollTo(0, 0);
  }

  /** Back/forward: keep the list (and its appended tiles) when only the slider changes. */
  async function restore() {
    const data = await pageData(here());
    if (data.listUrl && data.listUrl === main.dataset.listUrl) {
      document.title = data.title;
      showSlider(data.slider);
    } else {
      showPage(data);
      window.scrollTo(0, 0);
    }
  }

  async function openSlider(detailUrl) {
    const data = await pageData(detailUrl);
    if (!data.slider) return navigate(detailUrl);
    history.pushState({ sandbox: true, slider: true, listUrl: main.dataset.listUrl }, '', detailUrl);
    document.title = data.title;
    showSlider(data.slider);
  }

  function closeSlider() {
    if (!sliderRoot.firstElementChild) return;
    if (history.state?.slider) {
      history.back();
      return;
    }
    const listUrl = main.dataset.listUrl || '/';
    history.pushState({ sandbox: true }, '', listUrl);
    showSlider('');
  }

  // ---- infinite scroll -------------------------------------------------------
  let loading = false;
  async function loadMore() {
    const button = main.querySelector('.load-more');
    const list = main.querySelector('.tile-list');
    if (loading || !button || !list) return;
    loading = true;
    button.disabled = true;
    try {
      const next = parse((await pageData(button.dataset.next)).main);
      const tiles = next.querySelector('.tile-list');
      if (tiles) list.append(...tiles.childNodes);
      const nextButton = next.querySelector('.load-more');
      if (nextButton) {
        button.dataset.next = nextButton.dataset.next;
        button.disabled = false;
      } else {
        button.remove();
      }
    } catch {
      button.disabled = false;
    } finally {
      loading = false;
    }
  }

  // Only a person's scrolling (wheel, touch, keys) loads more: a short first page, a restored
  // offset or a script's scrollIntoView must not, so clicks on "Load more" stay deterministic.
  let userScrolledAt = 0;
  const markUserScroll = () => {
    userScrolledAt = Date.now();
  };
  window.addEventListener('wheel', markUserScroll, { passive: true });
  window.addEventListener('touchmove', markUserScroll, { passive: true });
  window.addEventListener('keydown', (event) => {
    if (['PageDown', 'ArrowDown', 'End', ' '].includes(event.key)) markUserScroll();
  });

  let observer = null;
  function watchSentinel() {
    observer?.disconnect();
    const sentinel = main.querySelector('.scroll-sentinel');
    if (!sentinel || !('IntersectionObserver' in window)) return;
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && Date.now() - userScrolledAt < 2000) void loadMore();
      },
      { rootMargin: '300px' },
    );
    observer.observe(sentinel);
  }

  // ---- theme ----------------------------------------------------------------
  function toggleTheme() {
    const dark = document.documentElement.getAttribute('theme') !== 'dark';
    document.documentElement.setAttribute('theme', dark ? 'dark' : 'light');
    // biome-ignore lint/suspicious/noDocumentCookie: the server reads it to render the theme; Firefox has no cookieStore.
    document.cookie = `sandbox-theme=${dark ? 'dark' : 'light'}; path=/; max-age=31536000; samesite=lax`;
  }

  // ---- events ----------------------------------------------------------------
  const isInternal = (a) =>
    a.origin === location.origin && !a.target && !a.hasAttribute('download') && !/^\/(__sandbox|ab|api)\//.test(a.pathname);

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest('[data-test="slider-close"], .air3-slider-backdrop')) {
      event.preventDefault();
      closeSlider();
      return;
    }
    if (target.closest('.theme-toggle')) {
      toggleTheme();
      return;
    }
    if (target.closest('.load-more')) {
      event.preventDefault();
      void loadMore();
      return;
    }
    const link = target.closest('a[href]');
    if (!link || !isInternal(link)) return;
    event.preventDefault();
    const slider = link.dataset.sliderHref;
    if (slider && main.contains(link)) void openSlider(slider);
    else void navigate(link.pathname + link.search);
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.matches('.search-form')) return;
    event.preventDefault();
    const query = new URLSearchParams(new FormData(form));
    if (!query.get('q')) query.delete('q');
    if (query.get('per_page') === '10') query.delete('per_page');
    const qs = query.toString();
    void navigate(`/nx/search/jobs/${qs ? `?${qs}` : ''}`);
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeSlider();
  });

  window.addEventListener('popstate', () => void restore());

  // Re-rendered lists start at the top; restored scroll offsets would fire infinite scroll at once.
  history.scrollRestoration = 'manual';
  if (!history.state) history.replaceState({ sandbox: true }, '', here());
  watchSentinel();
})();
