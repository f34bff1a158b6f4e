// Idle timeout warning (WCAG 2.2.1 Timing Adjustable).
//
// The server ends a session after SESSION_IDLE_TIMEOUT_MINUTES without a
// request. Shortly before that, show the warning that base.html renders
// hidden, and let the person stay signed in (any request renews the session).
// When time runs out, go to the sign-in page, which says what happened.

export function initSessionTimeout (body = document.body) {
  const seconds = Number(body.dataset.sessionTimeout)
  const warning = document.getElementById('session-timeout-warning')
  if (!seconds || !warning) return
  const warnBefore = Math.min(120, Math.floor(seconds / 4))
  const stay = warning.querySelector('[data-session-stay]')
  const remaining = warning.querySelector('[data-session-remaining]')
  let warnTimer, endTimer, tickTimer, endsAt

  function schedule () {
    clearTimeout(warnTimer)
    clearTimeout(endTimer)
    clearInterval(tickTimer)
    warning.hidden = true
    endsAt = Date.now() + seconds * 1000
    warnTimer = setTimeout(showWarning, (seconds - warnBefore) * 1000)
    endTimer = setTimeout(() => {
      window.location.assign(body.dataset.sessionExpiredUrl)
    }, seconds * 1000)
  }

  function showWarning () {
    warning.hidden = false
    const update = () => {
      const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000))
      remaining.textContent = left >= 60 ? `${Math.ceil(left / 60)} minutes` : `${left} seconds`
    }
    update()
    tickTimer = setInterval(update, 15000)
    stay.focus()
  }

  stay.addEventListener('click', async () => {
    const response = await fetch(body.dataset.sessionKeepaliveUrl, { credentials: 'same-origin' })
    if (response.ok) schedule()
    else window.location.assign(body.dataset.sessionExpiredUrl)
  })

  schedule()
}
