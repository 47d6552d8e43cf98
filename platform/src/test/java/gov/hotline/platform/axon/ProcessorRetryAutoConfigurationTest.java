package gov.hotline.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ProcessorRetryAutoConfigurationTest {

  @Test
  void every_processor_propagates_a_handler_failure_instead_of_logging_and_skipping_it() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ProcessorRetryAutoConfiguration.class))
        .run(
            context -> {
              DefaultConfigurer configurer =
                  (DefaultConfigurer) DefaultConfigurer.defaultConfiguration();
              context.getBean(ConfigurerModule.class).configureModule(configurer);
              Configuration configuration = configurer.buildConfiguration();
              ListenerInvocationErrorHandler handler =
                  configuration
                      .eventProcessingConfiguration()
                      .listenerInvocationErrorHandler("any-view");
              assertThat(handler).isSameAs(PropagatingErrorHandler.instance());
            });
  }
}
