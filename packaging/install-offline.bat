@echo off
rem Install or update Huxue from this folder alone: no network, no package index.
rem   install-offline.bat        installs into %LOCALAPPDATA%\Programs\Huxue (set HUXUE_PREFIX to change)
rem Each run makes a new environment and switches the launcher and shortcuts to it only when the
rem install succeeded, so a failed update leaves the working version in place. The planner's data
rem lives in %LOCALAPPDATA%\huxue and is never touched here; a newer Huxue upgrades the database the
rem first time it opens it, after writing a backup copy beside it.
setlocal EnableExtensions
chcp 65001 >nul
set "HERE=%~dp0."
if not defined HUXUE_PREFIX set "HUXUE_PREFIX=%LOCALAPPDATA%\Programs\Huxue"

rem Python 3.11 or newer: the py launcher first, then python on PATH.
set "PY="
where py >nul 2>nul && py -3 -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>nul && set "PY=py -3"
if not defined PY (
  where python >nul 2>nul && python -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>nul && set "PY=python"
)
if not defined PY (
  echo 未找到 Python 3.11 或更新版本 / Python 3.11 or newer not found.
  echo 请先安装 Python（python.org 的 Windows 安装程序）/ Install Python first ^(python.org's Windows installer^).
  goto :fail
)
for /f "usebackq delims=" %%t in (`%PY% -c "import sys; print(f'cp{sys.version_info.major}{sys.version_info.minor}')"`) do set "TAG=%%t"
if not exist "%HERE%\ortools-*-%TAG%-*win_amd64.whl" (
  echo 此文件夹没有适用于该 Python 版本 ^(%TAG%^) 的安装包 / this folder has no wheels for %TAG% on Windows.
  goto :fail
)
for /f "usebackq delims=" %%s in (`%PY% -c "import time; print(time.strftime('%%Y%%m%%d-%%H%%M%%S'))"`) do set "STAMP=%%s"
set "ENV=%HUXUE_PREFIX%\env-%STAMP%"
if not exist "%HUXUE_PREFIX%" mkdir "%HUXUE_PREFIX%"

echo 创建虚拟环境 / creating the environment: %ENV%
%PY% -m venv "%ENV%" || goto :fail_env
set PIP_NO_INDEX=1
"%ENV%\Scripts\python.exe" -m pip install --quiet --no-index --find-links "%HERE%" -c "%HERE%\requirements-lock.txt" huxue || goto :fail_env

rem The launcher always points at the newest environment; older ones are removed afterwards.
> "%HUXUE_PREFIX%\huxue.bat" echo @start "" "%ENV%\Scripts\huxue-gui.exe" %%*
> "%HUXUE_PREFIX%\huxue-cli.bat" echo @"%ENV%\Scripts\huxue.exe" %%*
for /d %%d in ("%HUXUE_PREFIX%\env-*") do if /i not "%%~fd"=="%ENV%" rd /s /q "%%d" 2>nul

rem Start-menu and desktop shortcuts (.lnk) through Windows' own scripting host.
set "TARGET=%ENV%\Scripts\huxue-gui.exe"
set "MENU=%APPDATA%\Microsoft\Windows\Start Menu\Programs"
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$w = New-Object -ComObject WScript.Shell;" ^
  "foreach ($d in @($env:MENU, [Environment]::GetFolderPath('Desktop'))) {" ^
  "  $s = $w.CreateShortcut((Join-Path $d 'Huxue.lnk')); $s.TargetPath = $env:TARGET;" ^
  "  $s.WorkingDirectory = $env:USERPROFILE; $s.Description = 'Huxue'; $s.Save() }"
if errorlevel 1 (
  rem Without PowerShell: a copy of the launcher on the desktop does the same.
  copy /y "%HUXUE_PREFIX%\huxue.bat" "%USERPROFILE%\Desktop\Huxue.bat" >nul
)
echo 护学 Huxue 已安装 / installed: %HUXUE_PREFIX%\huxue.bat
echo 命令行 / command line: %HUXUE_PREFIX%\huxue-cli.bat
exit /b 0

:fail_env
if exist "%ENV%" rd /s /q "%ENV%" 2>nul
:fail
echo 安装未完成 / installation failed.
exit /b 1
