import '../../components/library/pages.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PermissionApp } from '../../components/library/permission-app';
import { ALL_URLS } from '../../utils/background/permissions';
import { createClient } from '../../utils/messaging/client';
import { followPageTheme } from '../../utils/settings/page-theme-browser';

followPageTheme(createClient((message) => browser.runtime.sendMessage(message)));

render(
  <PermissionApp
    request={() => browser.permissions.request({ origins: [ALL_URLS] })}
    granted={() => browser.permissions.contains({ origins: [ALL_URLS] })}
    done={() => window.close()}
  />,
  document.getElementById('app')!,
);
