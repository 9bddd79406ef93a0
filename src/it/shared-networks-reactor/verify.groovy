// one shared network for the whole reactor: created once, found up to date by the next module, untouched by swarm:rm
def network = 'swarmit-shared-backbone'
def run(List<String> command) {
    def process = command.execute()
    def out = new StringBuilder()
    process.waitForProcessOutput(out, new StringBuilder())
    return process.exitValue()
}
try {
    def log = new File(basedir, 'build.log').text
    assert log.count("Creating network ${network} (driver overlay)") == 1
    assert log.contains("Network ${network} is up to date") : 'the second module did not find the network as declared'
    // both stacks used it as an external network: deploy created no network of its own
    assert !(log =~ /create\s+network\s+swarmit-shared-/)
    assert log =~ /create\s+service\s+swarmit-shared-orders_orders/
    assert log =~ /create\s+service\s+swarmit-shared-billing_billing/
    // swarm:rm of the first stack left the network: networks-rm in the last module removed it
    assert log.indexOf('Removing service swarmit-shared-orders_orders') < log.indexOf("Network ${network} is up to date")
    assert log.contains("Removing network ${network}")
    assert run(['docker', 'network', 'inspect', network]) != 0 : "swarm:networks-rm left ${network} behind"
} finally {
    // a failed build stops before its cleanup goals: remove what this test made, and only that
    ['swarmit-shared-orders', 'swarmit-shared-billing'].each { run(['docker', 'stack', 'rm', it]) }
    for (int i = 0; i < 20 && run(['docker', 'network', 'inspect', network]) == 0; i++) {
        if (run(['docker', 'network', 'rm', network]) != 0) {
            sleep(1000)
        }
    }
}
true
