// Sign in with a personal API key: the key is checked against the server (by listing the
// project's tables) and then kept in sessionStorage for this tab.
import { FormField } from '../components/form_field';
import { Api, ApiError } from '../lib/api';
import type { Page } from '../lib/context';
import { h } from '../lib/dom';
import { saveSession, type Session } from '../lib/session';

export class SignInPage implements Page {
  readonly title = 'Sign in';
  readonly element: HTMLElement;
  private readonly key = new FormField(
    'Personal API key',
    h('input', { type: 'password', name: 'key', autocomplete: 'off', required: true, spellcheck: 'false' }),
    'Starts with phx_. Create one with `larder keys create LABEL` (or `larder init --api-key`). It is kept only while this tab is open.',
  );
  private readonly project = new FormField(
    'Project ID',
    h('input', { type: 'number', name: 'project', min: '1', step: '1', value: '1', required: true }),
  );
  private readonly submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');

  constructor(private readonly onSignedIn: (session: Session) => void) {
    const form = h(
      'form',
      { class: 'sign-in', novalidate: true, onsubmit: (event: Event) => this.signIn(event) },
      this.key.element,
      this.project.element,
      this.submit,
    );
    this.element = h(
      'section',
      { class: 'page narrow', 'aria-labelledby': 'sign-in-title' },
      h('h1', { id: 'sign-in-title' }, 'Sign in to Larder'),
      form,
    );
    queueMicrotask(() => this.key.control.focus());
  }

  private async signIn(event: Event): Promise<void> {
    event.preventDefault();
    this.key.setError(null);
    this.project.setError(null);
    const key = this.key.value;
    const projectId = Number(this.project.value);
    if (!key) {
      this.key.setError('Enter your personal API key.');
      this.key.control.focus();
      return;
    }
    if (!Number.isInteger(projectId) || projectId < 1) {
      this.project.setError('Enter the number of a project (1 is the first).');
      this.project.control.focus();
      return;
    }
    const session = { key, projectId };
    this.submit.disabled = true;
    this.submit.textContent = 'Signing in…';
    try {
      await new Api(session).tables();
      saveSession(session);
      this.onSignedIn(session);
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      if (error instanceof ApiError && error.status === 403) {
        this.project.setError(message);
        this.project.control.focus();
      } else {
        this.key.setError(
          error instanceof ApiError && error.status === 401
            ? `This key was not accepted: ${message}`
            : message,
        );
        this.key.control.focus();
      }
    } finally {
      this.submit.disabled = false;
      this.submit.textContent = 'Sign in';
    }
  }
}
