// An sshd on a free loopback port for this build's ssh:// engine: a generated host key, a generated client key
// (id_ecdsa, one of the default key names) and an ssh client folder (config with the alias swarm-it-sshd,
// known_hosts) in target/ssh, which the pom names as <sshDirectory>. verify.groovy stops it; should the build die
// before that, timeout(1) ends it after 15 minutes.
def ssh = new File(basedir, 'target/ssh')
ssh.mkdirs()
def run = { List<String> command ->
    def process = command.execute()
    def out = new StringBuilder(), err = new StringBuilder()
    process.waitForProcessOutput(out, err)
    assert process.exitValue() == 0 : "${command} failed: ${out}${err}"
}
['host_key', 'id_ecdsa'].each { key -> run(['ssh-keygen', '-q', '-t', 'ecdsa', '-N', '', '-f', new File(ssh, key).path]) }
def port = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).withCloseable { it.localPort }
def user = System.getProperty('user.name')
new File(ssh, 'authorized_keys').text = new File(ssh, 'id_ecdsa.pub').text
new File(ssh, 'sshd_config').text = """Port ${port}
ListenAddress 127.0.0.1
HostKey ${ssh}/host_key
PidFile ${ssh}/sshd.pid
AuthorizedKeysFile ${ssh}/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
"""
new File(ssh, 'known_hosts').text = "[127.0.0.1]:${port} ${new File(ssh, 'host_key.pub').text}"
new File(ssh, 'config').text = "Host swarm-it-sshd\n  HostName 127.0.0.1\n  Port ${port}\n  User ${user}\n"
new File('/run/sshd').mkdirs() // sshd's privilege separation folder
new ProcessBuilder('timeout', '900', '/usr/sbin/sshd', '-D', '-e', '-f', "${ssh}/sshd_config")
    .redirectErrorStream(true).redirectOutput(new File(ssh, 'sshd.log')).start()
// poll until it listens
for (int attempt = 0; ; attempt++) {
    try {
        new Socket('127.0.0.1', port).close()
        break
    } catch (IOException notYet) {
        assert attempt < 100 : "sshd does not listen on ${port}: ${new File(ssh, 'sshd.log').text}"
        Thread.sleep(100)
    }
}
true
