import '../../components/library/pages.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PermissionApp } from '../../components/library/permission-app';
import { ALL_URLS } from '../../utils/background/permissions';

render(
  <PermissionApp
    request={() => browser.permissions.request({ origins: [ALL_URLS] })}
    granted={() => browser.permissions.contains({ origins: [ALL_URLS] })}
    done={() => window.close()}
  />,
  document.getElementById('app')!,
);
